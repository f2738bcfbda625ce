// The endpoints an instance reports, from the ports its broker holds: gRPC (5.x), name server and broker (4.x).
import type { Endpoints } from '../domain/instance.js';
import type { BrokerPorts } from './ports.js';

export const endpointsOf = (host: string, ports: BrokerPorts): Endpoints => ({
  grpc: [`${host}:${ports.grpc}`],
  namesrv: [`${host}:${ports.namesrv}`],
  broker: [`${host}:${ports.remoting}`],
});
