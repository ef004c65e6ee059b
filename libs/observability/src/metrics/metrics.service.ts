import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type Metric,
} from 'prom-client';

export interface MetricsServiceOptions {
  /** Added as the `service` label to every metric. */
  readonly service: string;
  /** Process and Node.js metrics (CPU, memory, event loop lag, GC); on by default. */
  readonly defaultMetrics?: boolean;
}

type Config<C> = Omit<C, 'registers'>;

/**
 * The app's own Prometheus registry (never prom-client's global one, so tests stay isolated).
 * Other libs inject it to create their metrics; asking twice for the same name returns the
 * same metric, so a module can be instantiated more than once.
 */
export class MetricsService {
  readonly registry = new Registry();

  constructor(options: MetricsServiceOptions) {
    this.registry.setDefaultLabels({ service: options.service });
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry });
    }
  }

  counter<L extends string>(config: Config<CounterConfiguration<L>>): Counter<L> {
    return this.getOrCreate(
      config.name,
      Counter,
      () => new Counter<L>({ ...config, registers: [this.registry] }),
    );
  }

  gauge<L extends string>(config: Config<GaugeConfiguration<L>>): Gauge<L> {
    return this.getOrCreate(
      config.name,
      Gauge,
      () => new Gauge<L>({ ...config, registers: [this.registry] }),
    );
  }

  histogram<L extends string>(config: Config<HistogramConfiguration<L>>): Histogram<L> {
    return this.getOrCreate(
      config.name,
      Histogram,
      () => new Histogram<L>({ ...config, registers: [this.registry] }),
    );
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private getOrCreate<M extends Metric>(
    name: string,
    kind: abstract new (...args: never[]) => Metric,
    create: () => M,
  ): M {
    const existing = this.registry.getSingleMetric(name);
    if (existing === undefined) {
      return create();
    }
    if (existing instanceof kind) {
      return existing as M;
    }
    throw new Error(`The metric "${name}" is already registered with another type`);
  }
}
