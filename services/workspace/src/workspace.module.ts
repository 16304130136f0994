import { Module, type DynamicModule } from '@nestjs/common';
import type { FrontEnd, FrontEndContext } from '@ehc/host';
import { HubApi } from './hub-api';
import { OidcClient } from './oidc-client';
import { Sessions } from './sessions';
import { pageRenderer } from './views';
import { WORKSPACE, Workspace } from './workspace';
import { AssetsController } from './pages/assets.controller';
import { CaseController } from './pages/case.controller';
import { IMPORT_UPLOAD_PATH, ImportsController } from './pages/imports.controller';
import { ReviewsController } from './pages/reviews.controller';
import { SettingsDirectoryController } from './pages/settings-directory.controller';
import { TransfersController } from './pages/transfers.controller';
import { MyWorkController } from './pages/my-work.controller';
import { PlanController } from './pages/plan.controller';
import { SignInController } from './pages/sign-in.controller';
import { ValuingSendController } from './pages/valuing-send.controller';
import { AppealWindowsController } from './pages/appeal-windows.controller';
import { AppealsController } from './pages/appeals.controller';
import { AppealsDataController } from './pages/appeals-data.controller';
import { MediationController } from './pages/mediation.controller';
import { FundingPlansController } from './pages/funding-plans.controller';
import { BANDS_UPLOAD_PATH, BandingController } from './pages/banding.controller';
import { FundingFinanceController } from './pages/funding-finance.controller';
import { EY_RATES_UPLOAD_PATH, EyInclusionController } from './pages/ey-inclusion.controller';
import { EotasController } from './pages/eotas.controller';
import { SurveysController } from './pages/surveys.controller';
import { CAPACITY_UPLOAD_PATH, MeetingController } from './pages/meeting.controller';

/** The callback the provider sends the browser back to (the embedded provider's default for the `workspace` client). */
export const SIGNED_IN_PATH = '/workspace/signed-in';

/** The workspace's pages: everything under these paths gets the pages' security policy and form bodies. */
const PAGE_PATH = /^\/(?:$|sign-in(?:\/start)?$|sign-out$|signed-out$|workspace\/|cases\/|plans\/|assets\/|reviews(?:$|\/)|transfers(?:$|\/)|settings-directory(?:$|\/)|imports(?:$|\/)|tribunal\/|high-needs\/|feedback(?:$|\/)|meeting(?:$|\/))/;

@Module({})
export class WorkspaceModule {
  static register(context: FrontEndContext): DynamicModule {
    return {
      module: WorkspaceModule,
      controllers: [SignInController, AssetsController, MyWorkController, ValuingSendController, CaseController, PlanController, ReviewsController, TransfersController, SettingsDirectoryController, ImportsController,
        AppealWindowsController, MediationController, AppealsController, AppealsDataController, FundingPlansController, BandingController, FundingFinanceController,
        EyInclusionController, EotasController, SurveysController, MeetingController],
      providers: [{
        provide: WORKSPACE,
        useFactory: async () => new Workspace({
          sessions: await Sessions.open(context.pool, context.schema, context.clock),
          oidc: new OidcClient({ issuer: context.oidc.issuer, serverIssuer: context.oidc.serverIssuer, clientId: context.oidc.clientId, redirectUri: `${context.publicUrl.replace(/\/$/, '')}${SIGNED_IN_PATH}` }),
          api: new HubApi(context.apiUrl), views: pageRenderer(), clock: context.clock, accessTokens: context.accessTokens,
          secureCookies: context.publicUrl.startsWith('https:'), logger: context.logger,
        }),
      }],
    };
  }
}

/**
 * The caseworker workspace (issue 12): a backend-for-frontend that owns no domain data. Embedded,
 * `npm start` serves it at / on the hub's port.
 */
export const workspaceFrontEnd: FrontEnd = {
  name: 'workspace',
  pages: ({ oidcIssuer }) => ({
    matches: (path) => PAGE_PATH.test(path), formTargets: oidcIssuer ? [new URL(oidcIssuer).origin] : [],
    // the import form's file, the banding matrix's, the early years rates table's and the special schools' places: the only pages that take a multipart body
    uploads: (path) => path === IMPORT_UPLOAD_PATH || path === BANDS_UPLOAD_PATH || path === EY_RATES_UPLOAD_PATH || path === CAPACITY_UPLOAD_PATH,
  }),
  module: (context) => WorkspaceModule.register(context),
};
