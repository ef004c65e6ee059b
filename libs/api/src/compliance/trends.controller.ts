import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import { TrendsDto, TrendsQueryDto, type TrendsView } from './trends.dto';
import { TrendsService } from './trends.service';

@ApiTags('trends')
@Controller('v1/trends')
export class TrendsController {
  constructor(private readonly trends: TrendsService) {}

  @Get()
  @Access('findings:read')
  @ApiOperation({
    summary: 'Daily posture and open findings',
    description:
      'For the last `days` UTC days: per framework, the posture score of each day with a ' +
      'snapshot (the normaliser writes one per account and framework every day); and for ' +
      'every day, the findings open (new or in progress, not suppressed now) at its end, by ' +
      'severity, replayed from the recorded status changes.',
  })
  @ApiOkResponse({ type: TrendsDto })
  get(@Tenant() principal: TenantPrincipal, @Query() query: TrendsQueryDto): Promise<TrendsView> {
    return this.trends.trends(principal.tenantId, query);
  }
}
