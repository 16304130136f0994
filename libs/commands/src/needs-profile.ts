import { Type } from '@sinclair/typebox';
import { NEEDS_PROFILE_CONTEXTS, RATING_SCALE, VALUING_SEND_DOMAINS, type DomainRatings, type NeedsProfileContext } from '@ehc/domain-kernel';
import { OneOf } from './command-schema';

/*
 * A Valuing SEND profile's body (domain §8), the same on a case and on a plan: one schema, so the
 * two services validate, document and read it alike.
 */

const DOMAINS_IN_WORDS = VALUING_SEND_DOMAINS.map((d) => d.toLowerCase()).join('; ');

/** One line of a profile: five ratings from 1 to 5, in the domains' order. */
export const RatingsField = (line: string) => Type.Array(Type.Integer({ minimum: RATING_SCALE.min, maximum: RATING_SCALE.max }), {
  minItems: 5, maxItems: 5,
  description: `${line}: five ratings from ${RATING_SCALE.min} to ${RATING_SCALE.max} (${DOMAINS_IN_WORDS})`,
});

/** The fields of a command recording a profile: when in the process (optional) and its three lines. */
export const needsProfileFields = () => ({
  context: Type.Optional(OneOf<NeedsProfileContext>(NEEDS_PROFILE_CONTEXTS)),
  needs: RatingsField('needs'), settingReadiness: RatingsField('setting readiness'), familyConfidence: RatingsField('family confidence'),
});

/** A validated body's profile as the domain takes it (five ratings each, as the schema checked); no context is `other`. */
export const needsProfileOf = (body: { context?: NeedsProfileContext; needs: number[]; settingReadiness: number[]; familyConfidence: number[] }) => ({
  context: body.context ?? 'other',
  needs: body.needs as DomainRatings, settingReadiness: body.settingReadiness as DomainRatings, familyConfidence: body.familyConfidence as DomainRatings,
});
