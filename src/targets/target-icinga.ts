/**
 * A target's link to an Icinga object (the `icinga_*` columns) in the forms it is written and
 * read in. Plain TypeScript, no Nest.
 */
import type { FieldErrorDto } from '../common/problem.dto';
import type { TargetIcingaViewDto } from './dto/target-icinga.dto';
import type { UpdateTargetDto } from './dto/update-target.dto';
import type { TargetEntity } from './target.entity';

export type IcingaColumns = Pick<TargetEntity, 'icingaSite' | 'icingaHost' | 'icingaService'>;

const NOT_BRIDGED: IcingaColumns = { icingaSite: null, icingaHost: null, icingaService: null };

/** The columns a request sets: the object given, none for null, else those of `stored`. */
export function icingaColumns(
  stored: IcingaColumns | null,
  request: Pick<UpdateTargetDto, 'icinga'>,
): IcingaColumns {
  if (request.icinga === undefined) {
    return stored
      ? {
          icingaSite: stored.icingaSite,
          icingaHost: stored.icingaHost,
          icingaService: stored.icingaService,
        }
      : NOT_BRIDGED;
  }
  if (request.icinga === null) return NOT_BRIDGED;
  return {
    icingaSite: request.icinga.site,
    icingaHost: request.icinga.hostName,
    icingaService: request.icinga.serviceDescription ?? null,
  };
}

/** The link as answered; null when the target is not bridged. */
export function icingaView(t: IcingaColumns): TargetIcingaViewDto | null {
  if (t.icingaSite === null || t.icingaHost === null) return null;
  return { site: t.icingaSite, hostName: t.icingaHost, serviceDescription: t.icingaService };
}

/** A problem when the request names a site that is not configured. */
export function checkIcingaSite(
  request: Pick<UpdateTargetDto, 'icinga'>,
  sites: { has(name: string): boolean; names(): string[] },
  errors: FieldErrorDto[],
): void {
  const site = request.icinga?.site;
  if (site === undefined || sites.has(site)) return;
  const configured = sites.names();
  errors.push({
    field: 'icinga.site',
    message: `unknown site ${site} (configured: ${configured.length ? configured.join(', ') : 'none'})`,
  });
}
