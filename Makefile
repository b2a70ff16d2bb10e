# Naskah. `make run` starts it with a demo office; `make test` runs every test.
GO      ?= go
TAGS    := sqlite_fts5
DATA    ?= naskah-data
PROFILE ?= bkad-kalbar

.PHONY: run build test test-deps vet bench clean

run: build
	./naskah serve --data $(DATA) --profile $(PROFILE)

build:
	$(GO) build -tags $(TAGS) -o naskah ./cmd/naskah

test-deps:
	bash scripts/test-deps.sh

vet:
	$(GO) vet -tags $(TAGS) ./...

test: test-deps vet
	$(GO) test -tags $(TAGS) -count=1 ./...

bench:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

clean:
	rm -f naskah
