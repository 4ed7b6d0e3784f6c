import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from './auth.decorator';
import { MeDto } from './dto/me.dto';
import { type AuthUser, CurrentUser } from './roles';

@ApiTags('auth')
@Controller('api/v1/me')
export class MeController {
  @Get()
  @Auth('viewer')
  @ApiOperation({
    operationId: 'getMe',
    summary: 'The authenticated user and role',
    description:
      'Who the credentials belong to and their role (`viewer`, `operator` or ' +
      "`admin`): a cheap way for a script or Swagger UI's Authorize to check a user" +
      ' and password. Any role.',
  })
  getMe(@CurrentUser() user: AuthUser): MeDto {
    return { name: user.name, role: user.role };
  }
}
