import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator';
import { PaginationQueryDto } from '../common/pagination.dto';
import { Auth } from './auth.decorator';
import { UserListDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Auth('admin')
  @ApiProblems(400)
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'The users who may sign in, and their roles',
    description:
      'Every user who may sign in, with their role, sorted by name; never a ' +
      'password or hash. Users come from `VIGIL_USERS`, `VIGIL_USERS_FILE` or the ' +
      'generated first admin. Needs `admin`.',
  })
  listUsers(@Query() query: PaginationQueryDto): Promise<UserListDto> {
    return this.users.list(query.limit, query.offset);
  }
}
