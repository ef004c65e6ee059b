// Test support: decodes an HTTP error response with the AWS SDK v3's own protocol classes
// (the code every generated client runs), for services whose clients are not installed
// (EC2, Inspector2, S3). Used only by this folder's specs.
import {
  AwsEc2QueryProtocol,
  AwsJson1_1Protocol,
  AwsQueryProtocol,
  AwsRestJsonProtocol,
  AwsRestXmlProtocol,
} from '@aws-sdk/core/protocols';
import { HttpResponse } from '@smithy/core/protocols';
import { op } from '@smithy/core/schema';
import { streamCollector } from '@smithy/core/serde';
import { Readable } from 'node:stream';
import { type AwsProtocol } from './types';

export interface DecodedSdkError {
  name: string;
  message: string;
  httpStatusCode: number | undefined;
  fault: string | undefined;
}

function protocolFor(protocol: AwsProtocol) {
  switch (protocol) {
    case 'query':
      return new AwsQueryProtocol({
        defaultNamespace: 'com.amazonaws.sts',
        xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
        version: '2011-06-15',
      });
    case 'ec2':
      return new AwsEc2QueryProtocol({
        defaultNamespace: 'com.amazonaws.ec2',
        xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15',
        version: '2016-11-15',
      });
    case 'json':
      return new AwsJson1_1Protocol({
        defaultNamespace: 'com.amazonaws.organizations',
        serviceTarget: 'AWSOrganizationsV20161128',
        awsQueryCompatible: false,
      });
    case 'rest-json':
      return new AwsRestJsonProtocol({ defaultNamespace: 'com.amazonaws.inspector2' });
    case 'rest-xml':
      return new AwsRestXmlProtocol({
        defaultNamespace: 'com.amazonaws.s3',
        xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/',
      });
  }
}

/** The error the SDK would throw for this response (an operation with no modelled errors). */
export async function decodeWithSdk(
  protocol: AwsProtocol,
  status: number,
  headers: Record<string, string>,
  body: string,
): Promise<DecodedSdkError> {
  const response = new HttpResponse({
    statusCode: status,
    headers,
    body: Readable.from([Buffer.from(body, 'utf8')]),
  });
  const operation = op('com.amazonaws.test', 'TestOperation', 0, 'unit', 'unit');
  try {
    const context = { streamCollector } as unknown as Parameters<
      ReturnType<typeof protocolFor>['deserializeResponse']
    >[1];
    await protocolFor(protocol).deserializeResponse(operation, context, response);
  } catch (e: unknown) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number }; $fault?: string };
    return {
      name: err.name,
      message: err.message,
      httpStatusCode: err.$metadata?.httpStatusCode,
      fault: err.$fault,
    };
  }
  throw new Error('the SDK decoded the response as a success');
}
