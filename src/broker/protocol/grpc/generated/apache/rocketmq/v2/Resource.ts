// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto


export interface Resource {
  'resource_namespace'?: (string);
  /**
   * Resource name identifier, which remains unique within the abstract resource
   * namespace.
   */
  'name'?: (string);
}

export interface Resource__Output {
  'resource_namespace'?: (string);
  /**
   * Resource name identifier, which remains unique within the abstract resource
   * namespace.
   */
  'name'?: (string);
}
