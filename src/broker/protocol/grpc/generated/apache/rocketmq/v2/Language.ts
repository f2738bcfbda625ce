// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

export const Language = {
  LANGUAGE_UNSPECIFIED: 'LANGUAGE_UNSPECIFIED',
  JAVA: 'JAVA',
  CPP: 'CPP',
  DOT_NET: 'DOT_NET',
  GOLANG: 'GOLANG',
  RUST: 'RUST',
  PYTHON: 'PYTHON',
  PHP: 'PHP',
  NODE_JS: 'NODE_JS',
  RUBY: 'RUBY',
  OBJECTIVE_C: 'OBJECTIVE_C',
  DART: 'DART',
  KOTLIN: 'KOTLIN',
} as const;

export type Language =
  | 'LANGUAGE_UNSPECIFIED'
  | 0
  | 'JAVA'
  | 1
  | 'CPP'
  | 2
  | 'DOT_NET'
  | 3
  | 'GOLANG'
  | 4
  | 'RUST'
  | 5
  | 'PYTHON'
  | 6
  | 'PHP'
  | 7
  | 'NODE_JS'
  | 8
  | 'RUBY'
  | 9
  | 'OBJECTIVE_C'
  | 10
  | 'DART'
  | 11
  | 'KOTLIN'
  | 12

export type Language__Output = typeof Language[keyof typeof Language]
