// Transport security of an instance's data-plane ports (gRPC and remoting). PLAINTEXT serves plaintext only, SSL TLS
// only, PERMISSIVE both on the same port. Which modes an engine version offers is decided here once.
import type { EngineVersion } from './instance.js';

export const TLS_MODES = ['PLAINTEXT', 'SSL', 'PERMISSIVE'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** 4.8.0 instances have no PERMISSIVE mode (as on Huawei's cloud). */
export const tlsModesOf = (v: EngineVersion): readonly TlsMode[] => (v === '4.8.0' ? ['PLAINTEXT', 'SSL'] : TLS_MODES);

/** Whether clients connecting with or without TLS are served under a mode. */
export const tlsModeAllows = (mode: TlsMode, tls: boolean): boolean => mode === 'PERMISSIVE' || (mode === 'SSL') === tls;

/** What a cloud calls "SSL enabled": any mode that serves TLS. */
export const sslEnabledOf = (mode: TlsMode): boolean => mode !== 'PLAINTEXT';
