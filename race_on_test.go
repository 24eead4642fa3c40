//go:build race

package main

// raceEnabled: the tests run with -race, so binaries they build get it too.
const raceEnabled = true
