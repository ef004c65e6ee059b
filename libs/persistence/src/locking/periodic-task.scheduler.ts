import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask, type PeriodicTaskOptions } from './periodic-task';

/**
 * Starts periodic tasks on the module's DataSource and stops them — waiting for runs in
 * flight — when the Nest module is destroyed (before the DataSource is closed).
 */
@Injectable()
export class PeriodicTaskScheduler implements OnModuleDestroy {
  private readonly tasks = new Set<PeriodicTask>();

  constructor(private readonly dataSource: DataSource) {}

  schedule(options: PeriodicTaskOptions): PeriodicTask {
    const task = new PeriodicTask(this.dataSource, options);
    this.tasks.add(task);
    task.start();
    return task;
  }

  async onModuleDestroy(): Promise<void> {
    const tasks = [...this.tasks];
    this.tasks.clear();
    await Promise.all(tasks.map((task) => task.stop()));
  }
}
