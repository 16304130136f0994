import { runDistributedService } from '@ehc/host';
import { annualReviewService } from './service';

void runDistributedService(annualReviewService);
