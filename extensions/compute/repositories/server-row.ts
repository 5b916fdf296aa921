/**
 * Turning `servers` rows into Server records: derived fields (status, instance name),
 * booleans and dates converted, metadata attached.
 */
import type { DiskConfig, Server } from '../models.js';
import type { ServerRow } from '../db/schema.js';
import { statusFromState } from '../server-states.js';
import { toDate, toDateOrNull } from './row-values.js';

/** nova's default `instance_name_template`, `instance-%08x`. */
export function instanceName(internalId: number): string {
  return `instance-${internalId.toString(16).padStart(8, '0')}`;
}

/** The Server record for a row and its metadata. */
export function toServer(row: ServerRow, metadata: Record<string, string>): Server {
  return {
    id: row.id,
    internalId: row.internal_id,
    name: row.name,
    projectId: row.project_id,
    userId: row.user_id,
    status: statusFromState(row.vm_state, row.task_state),
    vmState: row.vm_state,
    taskState: row.task_state,
    powerState: row.power_state,
    imageRef: row.image_ref,
    flavorId: row.flavor_id,
    keyName: row.key_name,
    availabilityZone: row.availability_zone,
    host: row.host,
    hypervisorHostname: row.hypervisor_hostname,
    instanceName: instanceName(row.internal_id),
    accessIPv4: row.access_ipv4 ?? '',
    accessIPv6: row.access_ipv6 ?? '',
    configDrive: row.config_drive,
    diskConfig: row.disk_config as DiskConfig,
    locked: row.locked !== 0,
    lockedBy: row.locked_by,
    metadata,
    createdAt: toDate(row.created_at),
    updatedAt: toDateOrNull(row.updated_at),
    launchedAt: toDateOrNull(row.launched_at),
    terminatedAt: toDateOrNull(row.terminated_at),
    deleted: row.deleted !== 0
  };
}
