package plugin

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// applySettings sets the flags of the analyzer named name from a linter's
// golangci-lint `settings` value: each key names a flag, each value is a
// scalar or a list of scalars (joined with commas, the form of ctxlint's list
// flags). Keys match flag names case-insensitively, because golangci-lint's
// configuration loader lower-cases them. Every key is checked before any flag
// is set, so a typo leaves the analyzer's configuration untouched.
func applySettings(name string, flags *flag.FlagSet, settings any) error {
	if settings == nil {
		return nil
	}
	values, err := decodeMap(settings)
	if err != nil {
		return fmt.Errorf("ctxlint: %s: settings must map flag names to values: %v", name, err)
	}
	known := flagsByKey(flags)
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same error, the same order of Set calls, every run
	for _, k := range keys {
		if known[strings.ToLower(k)] == nil {
			return unknownSettingError(name, k, known)
		}
	}
	for _, k := range keys {
		s, err := flagString(values[k])
		if err != nil {
			return fmt.Errorf("ctxlint: %s: setting %s: %v", name, k, err)
		}
		f := known[strings.ToLower(k)]
		if err := f.Value.Set(s); err != nil {
			return fmt.Errorf("ctxlint: %s: setting %s: invalid value %q: %v", name, k, s, err)
		}
	}
	return nil
}

// decodeMap normalises settings, as golangci-lint's YAML loader produced
// them, through JSON: maps of any key type are rejected, numbers keep their
// spelling.
func decodeMap(settings any) (map[string]any, error) {
	data, err := json.Marshal(settings)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("got %s", data)
	}
	return m, nil
}

func flagsByKey(flags *flag.FlagSet) map[string]*flag.Flag {
	known := make(map[string]*flag.Flag)
	flags.VisitAll(func(f *flag.Flag) { known[strings.ToLower(f.Name)] = f })
	return known
}

func unknownSettingError(name, key string, known map[string]*flag.Flag) error {
	if len(known) == 0 {
		return fmt.Errorf("ctxlint: %s: unknown setting %q: %s takes no settings", name, key, name)
	}
	names := make([]string, 0, len(known))
	for _, f := range known {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	return fmt.Errorf("ctxlint: %s: unknown setting %q (known settings: %s)",
		name, key, strings.Join(names, ", "))
}

// flagString renders a setting's value as the string a flag's Set accepts.
func flagString(v any) (string, error) {
	list, ok := v.([]any)
	if !ok {
		return scalarString(v)
	}
	elems := make([]string, len(list))
	for i, e := range list {
		s, err := scalarString(e)
		if err != nil {
			return "", fmt.Errorf("list element %d: %v", i, err)
		}
		if strings.Contains(s, ",") {
			// The list flags split on commas: "a,b" would become two names.
			return "", fmt.Errorf("list element %q contains a comma", s)
		}
		elems[i] = s
	}
	return strings.Join(elems, ","), nil
}

func scalarString(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case json.Number:
		return v.String(), nil
	case nil:
		return "", fmt.Errorf("no value given")
	default:
		return "", fmt.Errorf("want a string, number, boolean or a list of them, got %T", v)
	}
}
