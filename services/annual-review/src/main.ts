import { runDistributedService } from '@ehc/platform';
import { annualReviewService } from './service';

void runDistributedService(annualReviewService);
