import { runDistributedService } from '@ehc/platform';
import { tribunalService } from './service';

void runDistributedService(tribunalService);
