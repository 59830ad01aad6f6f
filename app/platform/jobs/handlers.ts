// Every job kind of the platform registers its handler here, imported by the worker.
import "../mail/handler.ts";
