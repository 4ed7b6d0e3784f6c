import { Controller, Get, INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { CapturingLogger } from '../support/app';
import { ProblemFilter } from '../../src/common/problem.filter';

@Controller()
class FailingController {
  @Get('boom')
  boom(): never {
    throw new Error('connection to db-7.internal refused');
  }
}

describe('ProblemFilter', () => {
  let app: INestApplication;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [FailingController],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger });
    app.useGlobalFilters(new ProblemFilter(app.get(HttpAdapterHost)));
    await app.init();
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<void> }).ready();
  });
  afterAll(() => app.close());

  it('answers an unexpected error with a generic 500 and an error id that is logged', async () => {
    const res = await request(app.getHttpServer()).get('/boom').expect(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text) as { errorId: string; detail: string };
    expect(body).toMatchObject({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.detail).toContain(body.errorId);
    expect(res.text).not.toContain('db-7.internal');
    const logged = logger.lines.find((l) => l.includes(body.errorId));
    expect(logged).toContain('connection to db-7.internal refused');
  });
});
