import { runDistributedService } from '@ehc/platform';
import { needsAssessmentService } from './service';

void runDistributedService(needsAssessmentService);
