// UpdateInstance body → neutral UpdateInstanceCommand: exactly the fields of UpdateInstanceRequest, with its ranges.
import { invalid } from '../../domain/errors.js';
import type { UpdateInstanceCommand } from '../../domain/instance.js';
import type { AlibabaAttributes } from './create-instance.js';
import { INSTANCE_NAME } from './create-instance.js';
import { MESSAGE_RETENTION_HOURS, readAclTypes } from './fields.js';
import { isIpOrCidr, Reader, type Json } from './read.js';


/** `current` is the instance's Alibaba attributes now; nested objects are merged so unsent fields stay. */
export const parseUpdateInstance = (body: Json, current: AlibabaAttributes): UpdateInstanceCommand => {
  const r = new Reader(body);
  const cmd: UpdateInstanceCommand = {};
  const name = r.string('instanceName', { max: 128, pattern: INSTANCE_NAME, patternText: 'use 1-128 letters, digits, _ or -' });
  if (name !== undefined) cmd.name = name;
  const remark = r.string('remark', { max: 1024 });
  if (remark !== undefined) cmd.description = remark;

  const next: AlibabaAttributes = { ...current, internetInfo: { ...current.internetInfo }, aclInfo: { ...current.aclInfo } };
  let changed = false;

  const product = r.object('productInfo');
  if (product) {
    const autoScaling = product.boolean('autoScaling');
    if (autoScaling !== undefined) {
      if (autoScaling && !current.supportAutoScaling) {
        throw invalid('productInfo.autoScaling', `Elastic TPS (productInfo.autoScaling) is not supported by the ${current.seriesCode} edition.`);
      }
      next.autoScaling = autoScaling;
      changed = true;
    }
    const retention = product.integer('messageRetentionTime', MESSAGE_RETENTION_HOURS);
    if (retention !== undefined) cmd.messageRetentionHours = retention;
    const ratio = product.number('sendReceiveRatio', { min: 0.25, max: 1 });
    if (ratio !== undefined) {
      next.sendReceiveRatio = ratio;
      changed = true;
    }
    const traceOn = product.boolean('traceOn');
    if (traceOn !== undefined) {
      next.traceOn = traceOn;
      changed = true;
    }
  }

  const internet = r.object('networkInfo')?.object('internetInfo');
  const ipWhitelist = internet?.stringArray('ipWhitelist', {
    max: 100,
    item: (s, f) => {
      if (!isIpOrCidr(s)) throw invalid(f, `The parameter ${f} must be an IP address or CIDR block.`);
    },
  });
  if (ipWhitelist !== undefined) {
    next.internetInfo.ipWhitelist = [...new Set(ipWhitelist)];
    changed = true;
  }

  const acl = r.object('aclInfo');
  if (acl) {
    const aclTypes = readAclTypes(acl);
    if (aclTypes !== undefined) {
      next.aclInfo.aclTypes = aclTypes;
      cmd.enableAcl = aclTypes.includes('apache_acl');
      changed = true;
    }
    const free = acl.boolean('defaultVpcAuthFree');
    if (free !== undefined) {
      next.aclInfo.defaultVpcAuthFree = free;
      cmd.vpcAuthFree = free;
      changed = true;
    }
  }
  if (changed) cmd.attributes = { alibaba: next };
  return cmd;
};
