import { runDistributedService } from '@ehc/host';
import { surveysService } from './service';

void runDistributedService(surveysService);
