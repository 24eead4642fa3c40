# syntax=docker/dockerfile:1
# The function's runtime image: a static binary on distroless, non-root. Built for the
# platform BuildKit asks for (docker buildx build --platform linux/amd64,linux/arm64).
# Where no Docker engine runs, hack/build-package.sh builds the same image as an OCI
# tarball with Go only.

ARG GO_VERSION=1.26.8

FROM --platform=${BUILDPLATFORM} golang:${GO_VERSION} AS build
WORKDIR /fn
ENV CGO_ENABLED=0
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG TARGETOS
ARG TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOOS=${TARGETOS} GOARCH=${TARGETARCH} go build -trimpath -ldflags "-s -w" -o /function .

FROM gcr.io/distroless/static-debian12:nonroot AS image
COPY --from=build /function /function
EXPOSE 9443
USER nonroot:nonroot
ENTRYPOINT ["/function"]
