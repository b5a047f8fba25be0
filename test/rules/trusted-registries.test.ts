import rule from '../../rules/trusted-registries.js';
import { runRuleTests } from '../rule-tester.js';

const message = (what: string, image: string, source: string, listed: string) =>
  `${what} "${image}" comes from ${source}, which is not a trusted registry (${listed}): use an image from one of those.`;
const ours = { registries: ['registry.example.com', '*.internal.example.com'] };

runRuleTests(rule, {
  valid: [
    { name: 'no registries configured', code: 'FROM quay.io/prometheus/node-exporter:v1.8.2\n' },
    { name: 'a trusted registry', code: 'FROM registry.example.com/base/python:3.12-slim\n', options: ours },
    { name: 'a glob', code: 'FROM eu.internal.example.com/platform/node:22\n', options: ours },
    { name: 'docker.io covers images written without a registry', code: 'FROM node:22-slim\nFROM bitnami/redis:7.4\nFROM docker.io/library/debian:12-slim\n', options: { registries: ['docker.io'] } },
    { name: 'hub.docker.com is Docker Hub too', code: 'FROM alpine:3.20\nFROM index.docker.io/library/busybox:1.36\n', options: { registries: ['hub.docker.com'] } },
    { name: 'scratch and stage references', code: 'FROM registry.example.com/go:1.23 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nFROM build AS test\n', options: ours },
    { name: 'a variable hiding the registry', code: 'ARG REGISTRY\nFROM ${REGISTRY}/python:3.12\n', options: ours },
    { name: 'a registry host in a quoted ARG default', code: 'ARG REGISTRY="registry.example.com"\nFROM ${REGISTRY}/python:3.12\n', options: ours },
    { name: 'a bare --from name may be a build context', code: 'FROM registry.example.com/debian:12\nCOPY --from=assets /dist /srv\n', options: ours },
    { name: 'hosts are case-insensitive', code: 'FROM Registry.Example.COM/app:1\n', options: ours },
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nRUN npm ci\n',
      options: ours,
      errors: [{ message: message('The base image', 'node:22-slim', 'Docker Hub (docker.io)', 'registry.example.com, *.internal.example.com'), line: 1, column: 6, endColumn: 18 }],
    },
    {
      name: 'another registry, lowercase, with a platform flag',
      code: 'from --platform=$BUILDPLATFORM ghcr.io/acme/builder:2.1 as build\n',
      options: ours,
      errors: [{ message: message('The base image', 'ghcr.io/acme/builder:2.1', 'ghcr.io', 'registry.example.com, *.internal.example.com'), line: 1, column: 32 }],
    },
    {
      name: 'a glob does not match the bare domain',
      code: 'FROM internal.example.com/base:1\n',
      options: ours,
      errors: [{ message: message('The base image', 'internal.example.com/base:1', 'internal.example.com', 'registry.example.com, *.internal.example.com'), line: 1, column: 6 }],
    },
    {
      name: 'a variable default',
      code: 'ARG BASE=quay.io/centos/centos:stream9\nFROM $BASE\n',
      options: { registries: ['docker.io'] },
      errors: [{ message: message('The base image', 'quay.io/centos/centos:stream9', 'quay.io', 'docker.io'), line: 2, column: 6 }],
    },
    {
      name: 'COPY --from and RUN --mount from images',
      code: 'FROM registry.example.com/debian:12\nCOPY --from=docker.io/tonistiigi/xx:1.5.0 / /\nRUN --mount=type=bind,from=gcr.io/distroless/static:nonroot,target=/mnt \\\n    ls /mnt\n',
      options: ours,
      errors: [
        { message: message('The COPY --from image', 'docker.io/tonistiigi/xx:1.5.0', 'Docker Hub (docker.io)', 'registry.example.com, *.internal.example.com'), line: 2, column: 13 },
        { message: message('The mounted image', 'gcr.io/distroless/static:nonroot', 'gcr.io', 'registry.example.com, *.internal.example.com'), line: 3, column: 5 },
      ],
    },
    {
      name: 'a registry with a port',
      code: 'FROM localhost:5000/app:dev\n',
      options: { registries: ['registry.example.com'] },
      errors: [{ message: message('The base image', 'localhost:5000/app:dev', 'localhost:5000', 'registry.example.com'), line: 1, column: 6 }],
    },
    {
      name: 'Windows image under an escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n',
      options: { registries: ['docker.io'] },
      errors: [{ message: message('The base image', 'mcr.microsoft.com/windows/servercore:ltsc2022', 'mcr.microsoft.com', 'docker.io'), line: 2, column: 6 }],
    },
  ],
});
