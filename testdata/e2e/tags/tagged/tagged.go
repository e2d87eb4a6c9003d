// Package tagged has a finding only in a file built with the integration
// tag.
package tagged

// Name is in every build.
const Name = "tagged"
