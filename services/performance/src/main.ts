import { runDistributedService } from '@ehc/host';
import { performanceService } from './service';

void runDistributedService(performanceService);
