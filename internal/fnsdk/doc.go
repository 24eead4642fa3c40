// Package fnsdk is the function's side of the RunFunction protocol over the
// generated types of function-sdk-go (fnv1) and structpb: the request as plain
// maps (AsMap), and a response written with the behaviour and messages of the
// SDK's request, response and resource helpers (v0.7.1; tests compare them).
//
// Why not the SDK's helpers themselves: they import crossplane-runtime, whose
// initialisation alone costs the process some 14 MiB of resident memory, and
// they convert every object once more (into unstructured objects). The
// protocol itself is the generated code's: nothing here reads or writes wire
// bytes, except Tag, which reads the request tag the response memo is keyed by
// without decoding anything else.
package fnsdk
