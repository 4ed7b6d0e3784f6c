import { Global, Module } from '@nestjs/common';
import { ScheduledJobs } from './scheduled-jobs';

/** The periodic jobs' runner, for every module (ScheduleModule.forRoot() is in the app module). */
@Global()
@Module({ providers: [ScheduledJobs], exports: [ScheduledJobs] })
export class JobsModule {}
