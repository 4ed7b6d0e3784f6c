import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BasicAuthGuard, RolesGuard } from './auth.guard';
import { BasicStrategy } from './basic.strategy';
import { MeController } from './me.controller';
import { PasswordChecker } from './password-checker';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [MeController, UsersController],
  providers: [
    UsersService,
    PasswordChecker,
    BasicStrategy,
    { provide: APP_GUARD, useClass: BasicAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [UsersService],
})
export class AuthModule {}
