import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  it('should expose default process metrics with the service label', async () => {
    const metrics = new MetricsService({ service: 'scanner' });

    const text = await metrics.render();

    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="scanner"\} \d/m);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it('should return the same counter when asked twice for one name', async () => {
    const metrics = new MetricsService({ service: 'normaliser', defaultMetrics: false });

    metrics
      .counter({ name: 'palisade_findings_total', help: 'Findings stored', labelNames: ['result'] })
      .inc({ result: 'FAIL' });
    metrics
      .counter({ name: 'palisade_findings_total', help: 'Findings stored', labelNames: ['result'] })
      .inc({ result: 'FAIL' });

    expect(await metrics.render()).toContain(
      'palisade_findings_total{result="FAIL",service="normaliser"} 2',
    );
  });

  it('should refuse a name already used by another kind of metric', () => {
    const metrics = new MetricsService({ service: 'api', defaultMetrics: false });
    metrics.gauge({ name: 'palisade_queue_depth', help: 'Queue depth' });

    expect(() => metrics.histogram({ name: 'palisade_queue_depth', help: 'Queue depth' })).toThrow(
      'The metric "palisade_queue_depth" is already registered with another type',
    );
  });

  it("should keep each app's registry apart", async () => {
    const first = new MetricsService({ service: 'a', defaultMetrics: false });
    const second = new MetricsService({ service: 'b', defaultMetrics: false });

    first.counter({ name: 'palisade_only_in_first_total', help: 'x' }).inc();

    expect(await second.render()).not.toContain('palisade_only_in_first_total');
  });
});
