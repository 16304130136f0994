import { runUntilSignalled, startFrontEnd } from '@ehc/host';
import { workspaceFrontEnd } from './workspace.module';

// distributed mode: the workspace in its own process, the services at NEEDS_ASSESSMENT_URL, ANNUAL_REVIEW_URL, TRIBUNAL_URL, FUNDING_URL, SURVEYS_URL and PERFORMANCE_URL
void runUntilSignalled(() => startFrontEnd(workspaceFrontEnd), 'workspace');
