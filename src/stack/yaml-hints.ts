/** What the YAML parser expected and how to fix it, per error code of the `yaml` package. */

/** Hints per yaml error code: what the parser expected and how to fix it. */
export const YAML_HINTS: Record<string, { expected: string; fix: string }> = {
  TAB_AS_INDENT: {
    expected: 'indentation made of spaces (YAML does not allow tabs for indentation)',
    fix: 'Replace the tab characters at the start of this line with spaces.',
  },
  BAD_INDENT: {
    expected: 'entries of one mapping or list to start at the same column, deeper than their parent key',
    fix: 'Align this line with the other entries at its level (use spaces), or close the open [ or { above it.',
  },
  MISSING_CHAR: {
    expected: 'a closing character (a quote, ] or })',
    fix: 'Close the quoted string or flow collection that starts before this position.',
  },
  BLOCK_AS_IMPLICIT_KEY: {
    expected: 'one `key: value` per line',
    fix: 'Quote the value if it contains ": " (e.g. a: "b: c"), or put the nested mapping on its own indented line.',
  },
  MULTILINE_IMPLICIT_KEY: {
    expected: 'a mapping key on a single line, followed by ":"',
    fix: 'Add the missing ":" after the key, or quote the text if it is a value.',
  },
  MULTIPLE_DOCS: {
    expected: 'one YAML document per stack file',
    fix: 'Remove the "---" separator and what follows it, or move the second document into its own file.',
  },
  BAD_SCALAR_START: {
    expected: 'a plain value that does not start with a reserved character (@ or `)',
    fix: 'Quote the value, e.g. "@value".',
  },
  UNEXPECTED_TOKEN: {
    expected: 'a key, a value or a list item here',
    fix: 'Check the syntax at this position: a stray character, a missing ":" or a missing "- ".',
  },
  BAD_DQ_ESCAPE: {
    expected: 'a valid escape in a double-quoted string (\\n, \\t, \\", \\\\, \\uXXXX)',
    fix: 'Escape the backslash (\\\\) or use single quotes.',
  },
  ALIAS_PROPS: {
    expected: 'an alias (*name) without a tag or anchor',
    fix: 'Remove the tag or anchor in front of the alias.',
  },
  TAG_RESOLVE_FAILED: {
    expected: 'a value that matches its tag (e.g. !!int 3)',
    fix: 'Remove the tag or fix the value.',
  },
};
