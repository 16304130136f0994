import { runDistributedService } from '@ehc/host';
import { tribunalService } from './service';

void runDistributedService(tribunalService);
