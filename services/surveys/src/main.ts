import { runDistributedService } from '@ehc/platform';
import { surveysService } from './service';

void runDistributedService(surveysService);
