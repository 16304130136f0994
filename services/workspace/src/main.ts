import { runUntilSignalled, startFrontEnd } from '@ehc/host';
import { workspaceFrontEnd } from './workspace.module';

// distributed mode: the workspace in its own process, the services at NEEDS_ASSESSMENT_URL, ANNUAL_REVIEW_URL and TRIBUNAL_URL
void runUntilSignalled(() => startFrontEnd(workspaceFrontEnd), 'workspace');
