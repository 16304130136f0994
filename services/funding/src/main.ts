import { runDistributedService } from '@ehc/host';
import { fundingService } from './service';

void runDistributedService(fundingService);
