// Embedded mode's composition root: all five services in one process, on one port, on an embedded
// PostgreSQL (or DATABASE_URL), with events delivered in-process. It is deployment wiring, like
// docker-compose.yml, which is why it lives in infra/ and not in a service.
import { runUntilSignalled, startEmbedded, type ServiceDefinition } from '@ehc/host';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';
import { fundingService } from '../../services/funding/src/service';
import { tribunalService } from '../../services/tribunal/src/service';
import { surveysService } from '../../services/surveys/src/service';
import { performanceService } from '../../services/performance/src/service';
import { workspaceFrontEnd } from '../../services/workspace/src/workspace.module';

export const allServices: ServiceDefinition[] = [needsAssessmentService, annualReviewService, fundingService, tribunalService, surveysService, performanceService];

/** The web front ends embedded mode serves beside the API: the caseworker workspace at /. */
export const frontEnds = [workspaceFrontEnd];

if (require.main === module) void runUntilSignalled(() => startEmbedded(allServices, process.env, { frontEnds }), 'ehc-hub');
