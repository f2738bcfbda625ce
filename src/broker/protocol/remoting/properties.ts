// The 4.x message properties string: name \u0001 value \u0002, repeated (Java and ali-ons both end with \u0002).

export const NAME_VALUE_SEPARATOR = '\u0001';
export const PROPERTY_SEPARATOR = '\u0002';

export const encodeProperties = (props: Record<string, string>): string => {
  let s = '';
  for (const [k, v] of Object.entries(props)) s += k + NAME_VALUE_SEPARATOR + v + PROPERTY_SEPARATOR;
  return s;
};

/** Like Java's string2messageProperties: items without a name/value separator are skipped. */
export const decodeProperties = (s: string): Record<string, string> => {
  const props: Record<string, string> = {};
  if (!s) return props;
  for (const item of s.split(PROPERTY_SEPARATOR)) {
    const i = item.indexOf(NAME_VALUE_SEPARATOR);
    if (i <= 0) continue;
    props[item.slice(0, i)] = item.slice(i + 1);
  }
  return props;
};
