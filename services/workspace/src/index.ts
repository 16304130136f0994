export { workspaceFrontEnd } from './workspace.module';
