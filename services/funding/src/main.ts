import { runDistributedService } from '@ehc/platform';
import { fundingService } from './service';

void runDistributedService(fundingService);
