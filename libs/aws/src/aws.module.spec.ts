import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type AwsAccessOptions } from './aws-access-options';
import { AWS_ACCESS_OPTIONS, AwsModule } from './aws.module';
import { AwsClientFactory } from './client-factory';
import { AwsSessionFactory } from './credential-chain';
import { type StsApi } from './sts-api';

const fakeSts: StsApi = {
  assumeRole: () => Promise.reject(new Error('not used')),
  getCallerIdentity: () =>
    Promise.resolve({ arn: 'arn:aws-cn:iam::123456789012:user/p', account: '123456789012' }),
};

@Injectable()
class AppConfig {
  readonly awsEndpoint = 'http://127.0.0.1:4566';
}
@Module({ providers: [AppConfig], exports: [AppConfig] })
class ConfigModule {}

@Injectable()
class Consumer {
  constructor(
    readonly sessions: AwsSessionFactory,
    readonly clients: AwsClientFactory,
    @Inject(AWS_ACCESS_OPTIONS) readonly options: AwsAccessOptions,
  ) {}
}

describe('AwsModule', () => {
  it('should provide the session factory and the client factory with defaults filled in', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AwsModule.forRoot({
          sts: fakeSts,
          baseCredentials: () => Promise.resolve({ accessKeyId: 'a', secretAccessKey: 'b' }),
        }),
      ],
      providers: [Consumer],
    }).compile();
    const consumer = moduleRef.get(Consumer);
    expect(consumer.sessions).toBeInstanceOf(AwsSessionFactory);
    expect(consumer.clients).toBeInstanceOf(AwsClientFactory);
    expect(consumer.options).toMatchObject({
      maxAttempts: 5,
      retryMode: 'adaptive',
      sessionDurationSeconds: 3600,
      refreshMarginSeconds: 300,
    });
    await expect(
      consumer.sessions.session({ tenantId: 't', scanId: 's', roleChain: [] }),
    ).resolves.toMatchObject({ partition: 'aws-cn' });
    await moduleRef.close();
  });

  it('should map application config into the options with forRootAsync', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AwsModule.forRootAsync({
          imports: [ConfigModule],
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            endpointUrl: config.awsEndpoint,
            maxAttempts: 9,
            sts: fakeSts,
          }),
        }),
      ],
    }).compile();
    const clients = moduleRef.get(AwsClientFactory);
    expect(clients.configFor('ec2', 'eu-west-1')).toMatchObject({
      endpoint: 'http://127.0.0.1:4566',
      maxAttempts: 9,
    });
    await moduleRef.close();
  });

  it('should refuse invalid options listing every bad field', async () => {
    const build = Test.createTestingModule({
      imports: [AwsModule.forRoot({ maxAttempts: 0, endpointUrl: 'not a url', sts: fakeSts })],
    }).compile();
    await expect(build).rejects.toThrow(/maxAttempts.*endpointUrl|endpointUrl.*maxAttempts/);
  });
});
