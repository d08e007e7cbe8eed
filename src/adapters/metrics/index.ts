export { PromMetrics } from './prom-metrics';
