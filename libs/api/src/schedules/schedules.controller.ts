import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import {
  CreateScheduleDto,
  ScheduleDto,
  ScheduleIdParamDto,
  ScheduleListQueryDto,
  SchedulePageDto,
  type ScheduleView,
  UpdateScheduleDto,
} from './schedules.dto';
import { type SchedulePage, SchedulesService } from './schedules.service';

@ApiTags('schedules')
@Controller('v1/schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Post()
  @Access('admin')
  @ApiOperation({
    summary: 'Schedule scans of a source',
    description:
      'A cron expression in an IANA time zone; an invalid expression or zone, or a source this ' +
      'tenant does not have, is refused (422 naming the field). The response lists the next ' +
      'run times.',
  })
  @ApiCreatedResponse({ type: ScheduleDto })
  create(
    @Tenant() principal: TenantPrincipal,
    @Body() body: CreateScheduleDto,
  ): Promise<ScheduleView> {
    return this.schedules.create(principal.tenantId, body);
  }

  @Get()
  @Access('findings:read')
  @ApiOperation({ summary: 'List the schedules', description: 'By name.' })
  @ApiOkResponse({ type: SchedulePageDto })
  list(
    @Tenant() principal: TenantPrincipal,
    @Query() query: ScheduleListQueryDto,
  ): Promise<SchedulePage> {
    return this.schedules.list(principal.tenantId, query);
  }

  @Get(':id')
  @Access('findings:read')
  @ApiOperation({ summary: 'One schedule, with its next run times' })
  @ApiOkResponse({ type: ScheduleDto })
  get(
    @Tenant() principal: TenantPrincipal,
    @Param() params: ScheduleIdParamDto,
  ): Promise<ScheduleView> {
    return this.schedules.get(principal.tenantId, params.id);
  }

  @Patch(':id')
  @Access('admin')
  @ApiOperation({
    summary: 'Change a schedule',
    description:
      'A new cron expression or time zone, or re-enabling the schedule, computes the next run ' +
      'from now. The source cannot change.',
  })
  @ApiOkResponse({ type: ScheduleDto })
  update(
    @Tenant() principal: TenantPrincipal,
    @Param() params: ScheduleIdParamDto,
    @Body() body: UpdateScheduleDto,
  ): Promise<ScheduleView> {
    return this.schedules.update(principal.tenantId, params.id, body);
  }

  @Delete(':id')
  @Access('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a schedule', description: 'Scans it started are kept.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@Tenant() principal: TenantPrincipal, @Param() params: ScheduleIdParamDto): Promise<void> {
    return this.schedules.remove(principal.tenantId, params.id);
  }
}
