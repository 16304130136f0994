import { runDistributedService } from '@ehc/host';
import { needsAssessmentService } from './service';

void runDistributedService(needsAssessmentService);
