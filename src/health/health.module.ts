import { Module } from '@nestjs/common';
import { ProbingModule } from '../probing/probing.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({ imports: [ProbingModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
