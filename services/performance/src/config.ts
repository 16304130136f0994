import { ConfigError, env, type Env } from '@ehc/config';
import { SOURCES, type Source } from './domain/facts';
import type { PackSettings } from './domain/measures';

/** The performance service's settings (domain §11.10, §11.14 are local choices), read once at start-up. */
export interface PerformanceSettings {
  pack: PackSettings;
  /** The LA's three-digit number, for the SEN2 XML header (SEN2_LA_CODE); unset, the header leaves it empty. */
  laCode: string | null;
}

export function performanceSettings(source: Env): PerformanceSettings {
  const laCode = env.optional(source, 'SEN2_LA_CODE') ?? null;
  if (laCode !== null && !/^\d{3}$/.test(laCode)) throw new ConfigError(`SEN2_LA_CODE must be the LA's three-digit number, got "${laCode}"`);
  return {
    pack: {
      caseloadIncludesAssessments: flag(source, 'PERFORMANCE_CASELOAD_INCLUDES_ASSESSMENTS', true),
      sources: sources(source),
    },
    laCode,
  };
}

/**
 * PERFORMANCE_SOURCES: the services whose contracts this pack reads (comma-separated; default all
 * five). A measure of a service left out says "not yet available" instead of showing zero.
 */
function sources(source: Env): Source[] {
  const raw = env.optional(source, 'PERFORMANCE_SOURCES');
  if (raw === undefined) return [...SOURCES];
  const named = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = named.filter((s) => !(SOURCES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new ConfigError(`PERFORMANCE_SOURCES names ${unknown.join(', ')}: the sources are ${SOURCES.join(', ')}`);
  return named as Source[];
}

function flag(source: Env, name: string, fallback: boolean): boolean {
  const raw = env.optional(source, name);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}
