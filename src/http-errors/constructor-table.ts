import {
  BadGatewayException,
  BadRequestException,
  BandwidthLimitExceededException,
  ConflictException,
  ContentTooLargeException,
  ExpectationFailedException,
  FailedDependencyException,
  ForbiddenException,
  GatewayTimeoutException,
  GoneException,
  type HttpExceptionClassByStatus,
  HttpVersionNotSupportedException,
  ImATeapotException,
  InsufficientStorageException,
  InternalServerErrorException,
  LengthRequiredException,
  LockedException,
  LoopDetectedException,
  MethodNotAllowedException,
  MisdirectedRequestException,
  NetworkAuthenticationRequiredException,
  NotAcceptableException,
  NotExtendedException,
  NotFoundException,
  NotImplementedException,
  PaymentRequiredException,
  PreconditionFailedException,
  PreconditionRequiredException,
  ProxyAuthenticationRequiredException,
  RangeNotSatisfiableException,
  RequestHeaderFieldsTooLargeException,
  RequestTimeoutException,
  ServiceUnavailableException,
  TooEarlyException,
  TooManyRequestsException,
  UnauthorizedException,
  UnavailableForLegalReasonsException,
  UnprocessableContentException,
  UnsupportedMediaTypeException,
  UpgradeRequiredException,
  UriTooLongException,
  VariantAlsoNegotiatesException,
} from '../index.js';
import { defineHttpErrorConstructor } from './http-error-constructor.js';
import { HTTP_ERROR_CODES, type HttpErrorCode, type HttpErrorName } from './status-messages.js';
import type { HttpErrorConstructor, HttpErrorConstructors } from './types.js';

/** This library's class under each http-errors constructor (typed per code, so a renamed class fails to compile). */
const EXCEPTION_CLASSES: { readonly [N in HttpErrorCode]: HttpExceptionClassByStatus[N] } = {
  400: BadRequestException,
  401: UnauthorizedException,
  402: PaymentRequiredException,
  403: ForbiddenException,
  404: NotFoundException,
  405: MethodNotAllowedException,
  406: NotAcceptableException,
  407: ProxyAuthenticationRequiredException,
  408: RequestTimeoutException,
  409: ConflictException,
  410: GoneException,
  411: LengthRequiredException,
  412: PreconditionFailedException,
  413: ContentTooLargeException,
  414: UriTooLongException,
  415: UnsupportedMediaTypeException,
  416: RangeNotSatisfiableException,
  417: ExpectationFailedException,
  418: ImATeapotException,
  421: MisdirectedRequestException,
  422: UnprocessableContentException,
  423: LockedException,
  424: FailedDependencyException,
  425: TooEarlyException,
  426: UpgradeRequiredException,
  428: PreconditionRequiredException,
  429: TooManyRequestsException,
  431: RequestHeaderFieldsTooLargeException,
  451: UnavailableForLegalReasonsException,
  500: InternalServerErrorException,
  501: NotImplementedException,
  502: BadGatewayException,
  503: ServiceUnavailableException,
  504: GatewayTimeoutException,
  505: HttpVersionNotSupportedException,
  506: VariantAlsoNegotiatesException,
  507: InsufficientStorageException,
  508: LoopDetectedException,
  509: BandwidthLimitExceededException,
  510: NotExtendedException,
  511: NetworkAuthenticationRequiredException,
};

/** Every http-errors constructor, by code and by name, in http-errors' order (codes ascending). */
export const HTTP_ERROR_CONSTRUCTORS: HttpErrorConstructors = buildConstructors();

/** The constructor of a code, if http-errors has one (`createError[status]` without the user's own keys). */
export function constructorOf(status: number): HttpErrorConstructor | undefined {
  return Object.hasOwn(HTTP_ERROR_CODES, status) ? (HTTP_ERROR_CONSTRUCTORS[status as HttpErrorCode] as HttpErrorConstructor) : undefined;
}

function buildConstructors(): HttpErrorConstructors {
  const table: Partial<Record<HttpErrorCode | HttpErrorName, HttpErrorConstructor>> = {};
  for (const key of Object.keys(HTTP_ERROR_CODES)) {
    const code = Number(key) as HttpErrorCode;
    const constructor = defineHttpErrorConstructor(code, EXCEPTION_CLASSES[code]) as HttpErrorConstructor;
    table[code] = constructor;
    table[HTTP_ERROR_CODES[code][0]] = constructor;
  }
  return table as HttpErrorConstructors;
}
