// ListRegions and ListAvailableZones: Hangar serves one region, HANGAR_REGION, with one zone.
import type { AlibabaHandler } from './context.js';
import { alibabaTime } from './status.js';

const EPOCH = alibabaTime(Date.UTC(2024, 0, 1));

export const zoneIdOf = (region: string): string => `${region}-a`;

export const regionHandlers: Record<string, AlibabaHandler> = {
  ListRegions: async (ctx) => [
    {
      regionId: ctx.deps.config.region,
      regionName: `Hangar ${ctx.deps.config.region}`,
      supportRocketmqV4: false,
      supportRocketmqV5: true,
      tags: [],
      createTime: EPOCH,
      updateTime: EPOCH,
    },
  ],
  ListAvailableZones: async (ctx) => [
    { zoneId: zoneIdOf(ctx.deps.config.region), zoneName: `Hangar ${ctx.deps.config.region} zone A`, createTime: EPOCH, updateTime: EPOCH },
  ],
};
