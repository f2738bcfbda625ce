#!/bin/sh
# `npm run test:postgres`: the end-to-end files again with the control plane on PostgreSQL (HANGAR_TEST_DATABASE).
# Every compiled test file that starts a server, except those about the SQLite file itself (they pin database: 'sqlite').
set -e
files=$(grep -rlE 'Hangar\.start|startAlibabaHangar' dist/test --include='*.test.js' | xargs grep -L "database: 'sqlite'" | sort)
HANGAR_TEST_DATABASE=postgres exec node --test --test-concurrency=2 --test-timeout=600000 $files
