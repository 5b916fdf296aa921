/**
 * The shape of a wharf.conf option, declared once: section, name, type, default, help and
 * limits, as oslo.config's option declarations were for nova. A bottom-layer type, so a
 * filter or a plugin declares options without reaching into the server layer.
 */
/** How an option's text becomes a value. */
export type OptionType = 'string' | 'path' | 'int' | 'float' | 'bool' | 'list' | 'enum';

/** One option of the table. */
export interface OptionSpec {
  /** The wharf.conf section (`[wsgi]` is `wsgi`). */
  readonly section: string;
  /** The option's name within its section. */
  readonly name: string;
  /** How its text becomes a value. */
  readonly type: OptionType;
  /** The value when no source sets it. */
  readonly default: string | number | boolean | readonly string[];
  /** One or two sentences for `wharf config list` and docs/configuration.md. */
  readonly help: string;
  /** `enum`: the accepted values. */
  readonly choices?: readonly string[];
  /** `int`/`float`: inclusive bounds. */
  readonly min?: number;
  /** `int`/`float`: inclusive upper bound. */
  readonly max?: number;
  /** `int`: the word `auto` is accepted too. */
  readonly auto?: boolean;
  /** `list`: each item is a path (resolved like a `path` option). */
  readonly items?: 'path';
  /** `string`: the value must match, `patternHelp` says how. */
  readonly pattern?: RegExp;
  /** `string`: what `pattern` accepts, in words, for error messages. */
  readonly patternHelp?: string;
  /** Never print the value (docs show no default, errors hide it). */
  readonly secret?: boolean;
  /** How docs show a default that depends on the install location. */
  readonly defaultText?: string;
}
