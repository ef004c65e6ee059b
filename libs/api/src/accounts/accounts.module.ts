import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { OrganizationalUnitsController } from './organizational-units.controller';

/** `/v1/accounts` (the inventory) and `/v1/organizational-units` (the OU trees): reads only. */
@Module({
  controllers: [AccountsController, OrganizationalUnitsController],
  providers: [AccountsService],
})
export class AccountsModule {}
