export { CHECKS, checkInfo } from './check-catalog';
